# The bucket and its versioning name the bucket with the same variable (or a
# local over it): whatever its value, it is the same bucket.

variable "bucket_name" {
  type = string
}

variable "logs_name" {
  type = string
}

locals {
  logs = var.logs_name
}

resource "aws_s3_bucket" "pass_same_variable" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_versioning" "same_variable" {
  bucket = var.bucket_name
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "pass_same_local" {
  bucket = local.logs
}

resource "aws_s3_bucket_versioning" "same_local" {
  bucket = local.logs
  versioning_configuration {
    status = "Enabled"
  }
}

# A versioning resource that references its bucket explicitly is matched by
# the reference, not by the name it evaluates to (here, wrongly, the same
# literal name as another bucket).
resource "aws_s3_bucket" "fail_same_name_referenced_elsewhere" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket" "pass_referenced" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_versioning" "referenced" {
  bucket = aws_s3_bucket.pass_referenced.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
