# S3 enables versioning on a bucket created with Object Lock, and it can never
# be suspended there: no aws_s3_bucket_versioning is needed.
variable "lock" {
  type = bool
}

resource "aws_s3_bucket" "pass_object_lock" {
  bucket              = "acme-audit"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "audit" {
  bucket = aws_s3_bucket.pass_object_lock.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

# The legacy inline form (deprecated since provider v4).
resource "aws_s3_bucket" "pass_legacy_lock" {
  bucket = "acme-legal"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket" "fail_lock_off" {
  bucket              = "acme-scratch"
  object_lock_enabled = false
}

# Object Lock may be on, which would enable versioning: not a guessed fail.
resource "aws_s3_bucket" "unknown_lock_from_variable" {
  bucket              = "acme-maybe-locked"
  object_lock_enabled = var.lock
}
