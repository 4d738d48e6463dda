resource "aws_s3_bucket" "pass_versioned" {
  bucket = "acme-pass-versioned"
}

resource "aws_s3_bucket_versioning" "pass_versioned" {
  bucket = aws_s3_bucket.pass_versioned.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "fail_suspended" {
  bucket = "acme-fail-suspended"
}

resource "aws_s3_bucket_versioning" "fail_suspended" {
  bucket = aws_s3_bucket.fail_suspended.id
  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_s3_bucket" "fail_no_versioning" {
  bucket = "acme-fail-no-versioning"
}

# The versioning resource names the bucket literally.
resource "aws_s3_bucket" "pass_by_name" {
  bucket = "acme-pass-by-name"
}

resource "aws_s3_bucket_versioning" "by_name" {
  bucket = "acme-pass-by-name"
  versioning_configuration {
    status = "Enabled"
  }
}

variable "versioning_status" {
  type = string
}

resource "aws_s3_bucket" "unknown_status" {
  bucket = "acme-unknown-status"
}

resource "aws_s3_bucket_versioning" "unknown_status" {
  bucket = aws_s3_bucket.unknown_status.bucket
  versioning_configuration {
    status = var.versioning_status
  }
}
