# The account-wide block overrides a weaker bucket setting.
resource "aws_s3_account_public_access_block" "all" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "pass_account_block" {
  bucket = "acme-account-block"
}

resource "aws_s3_bucket_public_access_block" "weak" {
  bucket = aws_s3_bucket.pass_account_block.id
}
