# The legacy inline block, deprecated since provider v4 but still honoured.
resource "aws_s3_bucket" "pass_inline" {
  bucket = "acme-pass-inline"
  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "fail_inline_disabled" {
  bucket = "acme-fail-inline-disabled"
  versioning {
    enabled = false
  }
}
