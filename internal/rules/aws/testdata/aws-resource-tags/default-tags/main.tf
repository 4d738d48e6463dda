provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      team        = "shop"
      environment = "prod"
    }
  }
}

resource "aws_s3_bucket" "pass_via_default_tags" {
  bucket = "acme-default-tagged"
}

resource "aws_sqs_queue" "pass_also_direct" {
  name = "orders"
  tags = { service = "orders" }
}

