# settles: values the .tf files leave unknown and a plan settles. The plan is
# made with plan-vars (terraform plan -var-file=plan-vars), which prodgrade
# does not read when it scans this directory, so an HCL scan sees variables
# without values; and with an offline data source that only a plan reads.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
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

variable "backup_days" {
  type = number
}

variable "multi_az" {
  type = bool
}

variable "zones" {
  type = list(string)
}

resource "aws_db_instance" "orders" {
  identifier                   = "orders"
  engine                       = "postgres"
  instance_class               = "db.m6g.large"
  allocated_storage            = 50
  storage_type                 = "gp3"
  manage_master_user_password  = true
  username                     = "orders"
  storage_encrypted            = true
  backup_retention_period      = var.backup_days
  multi_az                     = var.multi_az
  deletion_protection          = true
  performance_insights_enabled = true
}

resource "aws_subnet" "private" {
  count             = length(var.zones)
  vpc_id            = "vpc-12345678"
  availability_zone = var.zones[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-12345678"
  instance_type = "t3.small"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_autoscaling_group" "app" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = aws_subnet.private[*].id
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}
