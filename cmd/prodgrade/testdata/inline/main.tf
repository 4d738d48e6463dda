terraform {
  required_version = ">= 1.5"
}

# prodgrade:ignore aws-s3-versioning the bucket holds access logs, which are never overwritten
resource "aws_s3_bucket" "logs" {
  bucket        = "logs"
  force_destroy = true # prodgrade:ignore aws-s3-force-destroy exp:2020-01-01 scratch data
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}
