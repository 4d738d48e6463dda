# Buckets that receive S3 server access logs are not asked to log themselves,
# however the delivery is authorised.

resource "aws_s3_bucket" "skip_canned_acl" {
  bucket = "acme-logs-canned"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "skip_policy" {
  bucket = "acme-logs-policy"
}

resource "aws_s3_bucket_policy" "logging" {
  bucket = aws_s3_bucket.skip_policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { Service = ["logging.s3.amazonaws.com"] }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-logs-policy/*"
    }
  })
}

resource "aws_s3_bucket" "fail_data" {
  bucket = "acme-data"
}
