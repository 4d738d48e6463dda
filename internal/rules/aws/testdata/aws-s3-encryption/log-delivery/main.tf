# Buckets that S3 server access logs are delivered into, recognised by what
# lets the delivery write: the canned ACL "log-delivery-write", an ACL grant to
# the LogDelivery group, or a bucket policy for logging.s3.amazonaws.com. The
# buckets that log into them may be configured in another stack.

resource "aws_s3_bucket" "pass_canned_acl" {
  bucket = "acme-logs-canned"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "pass_acl_grant" {
  bucket = "acme-logs-grant"
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket_acl" "grant" {
  bucket = aws_s3_bucket.pass_acl_grant.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "pass_policy" {
  bucket = "acme-logs-policy"
}

resource "aws_s3_bucket_policy" "logging" {
  bucket = aws_s3_bucket.pass_policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "S3ServerAccessLogs"
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = ["s3:PutObject"]
      Resource  = "arn:aws:s3:::acme-logs-policy/*"
    }]
  })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "policy" {
  bucket = aws_s3_bucket.pass_policy.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# A private ACL and a policy for another service do not make a log bucket.
resource "aws_s3_bucket" "fail_private_acl" {
  bucket = "acme-data-private"
}

resource "aws_s3_bucket_acl" "private" {
  bucket = aws_s3_bucket.fail_private_acl.id
  acl    = "private"
}

resource "aws_s3_bucket" "fail_other_service" {
  bucket = "acme-data-other"
}

resource "aws_s3_bucket_policy" "other" {
  bucket = aws_s3_bucket.fail_other_service.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-data-other/*"
    }]
  })
}
