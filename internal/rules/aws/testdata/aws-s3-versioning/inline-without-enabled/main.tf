# A legacy inline versioning block that only sets mfa_delete: enabled
# defaults to false, so versioning stays off.
resource "aws_s3_bucket" "fail_inline_mfa_only" {
  bucket = "acme-fail-inline-mfa-only"
  versioning {
    mfa_delete = false
  }
}

# The same inline block, with versioning turned on by a separate resource.
resource "aws_s3_bucket" "pass_inline_mfa_with_separate" {
  bucket = "acme-pass-inline-mfa-with-separate"
  versioning {
    mfa_delete = false
  }
}

resource "aws_s3_bucket_versioning" "pass_inline_mfa_with_separate" {
  bucket = aws_s3_bucket.pass_inline_mfa_with_separate.id
  versioning_configuration {
    status = "Enabled"
  }
}
