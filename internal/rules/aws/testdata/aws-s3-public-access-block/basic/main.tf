# No block resource: S3 blocks public access on new buckets by default.
resource "aws_s3_bucket" "pass_default" {
  bucket = "acme-pass-default"
}

resource "aws_s3_bucket" "pass_all_on" {
  bucket = "acme-pass-all-on"
}

resource "aws_s3_bucket_public_access_block" "pass_all_on" {
  bucket                  = aws_s3_bucket.pass_all_on.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Only one setting written: the other three default to false.
resource "aws_s3_bucket" "fail_partial" {
  bucket = "acme-fail-partial"
}

resource "aws_s3_bucket_public_access_block" "fail_partial" {
  bucket            = aws_s3_bucket.fail_partial.id
  block_public_acls = true
}

resource "aws_s3_bucket" "fail_policy_allowed" {
  for_each = toset(["one", "two"])
  bucket   = "acme-fail-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "fail_policy_allowed" {
  for_each                = aws_s3_bucket.fail_policy_allowed
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

variable "block" {
  type = bool
}

resource "aws_s3_bucket" "unknown_setting" {
  bucket = "acme-unknown-setting"
}

resource "aws_s3_bucket_public_access_block" "unknown_setting" {
  bucket                  = aws_s3_bucket.unknown_setting.id
  block_public_acls       = var.block
  block_public_policy     = var.block
  ignore_public_acls      = var.block
  restrict_public_buckets = var.block
}

# A static website is public by design.
resource "aws_s3_bucket" "skip_website" {
  bucket = "acme-www"
}

resource "aws_s3_bucket_website_configuration" "www" {
  bucket = aws_s3_bucket.skip_website.id
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket_public_access_block" "www" {
  bucket              = aws_s3_bucket.skip_website.id
  block_public_policy = false
}
