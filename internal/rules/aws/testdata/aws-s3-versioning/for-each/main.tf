resource "aws_s3_bucket" "pass_data" {
  for_each = toset(["orders", "invoices"])
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket" "pass_assets" {
  bucket = "acme-assets"
}

locals {
  buckets = merge(
    { for k, b in aws_s3_bucket.pass_data : k => b.id },
    { assets = aws_s3_bucket.pass_assets.id },
  )
}

resource "aws_s3_bucket_versioning" "all" {
  for_each = local.buckets
  bucket   = each.value
  versioning_configuration {
    status = "Enabled"
  }
}
