# basic: root module with count, for_each, a local module, a data source,
# values known only after apply, a sensitive variable and provider default_tags.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  backend "s3" {
    bucket = "example-tf-state"
    key    = "basic/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  default_tags {
    tags = {
      team = "platform"
    }
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "correct-horse-battery"
}

data "aws_elb_service_account" "main" {}

resource "aws_s3_bucket" "b" {
  for_each = toset(["logs", "data"])
  bucket   = "example-${each.key}"
}

resource "aws_s3_bucket_versioning" "b" {
  for_each = aws_s3_bucket.b
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.b["logs"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.main.arn }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.b["logs"].arn}/*"
    }]
  })
}

resource "aws_sqs_queue" "q" {
  count = 2
  name  = "queue-${count.index}"
}

module "db" {
  source     = "./modules/db"
  password   = var.db_password
  subnet_ids = [aws_sqs_queue.q[0].arn]
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "db-cpu"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "CPUUtilization"
  namespace           = "AWS/RDS"
  period              = 60
  statistic           = "Average"
  threshold           = 80
  dimensions = {
    DBInstanceIdentifier = module.db.id
  }
  alarm_actions = [aws_sqs_queue.q[1].arn]
}

module "queue" {
  for_each = toset(["a", "b"])
  source   = "./modules/queue"
  name     = each.key
  dlq_arn  = aws_sqs_queue.q[0].arn
}

resource "aws_cloudwatch_metric_alarm" "queue_depth" {
  alarm_name          = "queue-a-depth"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "ApproximateNumberOfMessagesVisible"
  namespace           = "AWS/SQS"
  period              = 60
  statistic           = "Maximum"
  threshold           = 100
  alarm_actions       = [module.queue["a"].arn]
}
