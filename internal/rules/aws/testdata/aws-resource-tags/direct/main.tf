provider "aws" {
  region = "eu-west-1"
}

variable "tags" {
  type = map(string)
}

locals {
  common = { team = "shop", environment = "prod" }
}

resource "aws_s3_bucket" "pass_direct" {
  bucket = "acme-direct"
  tags   = { team = "shop" }
}

resource "aws_ecr_repository" "pass_merged_locals" {
  name = "web"
  tags = merge(local.common, { service = "web" })
}

resource "aws_db_instance" "fail_untagged" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_lb" "fail_empty_tags" {
  name    = "app"
  subnets = ["subnet-aaaa", "subnet-bbbb"]
  tags    = {}
}

resource "aws_kms_key" "unknown_tags" {
  description = "unknown"
  tags        = var.tags
}
