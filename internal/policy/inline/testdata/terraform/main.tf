# prodgrade:ignore aws-s3-versioning the bucket holds logs, which are never overwritten
resource "aws_s3_bucket" "suppressed" {
  bucket        = "logs"
  force_destroy = true # prodgrade:ignore aws-s3-force-destroy scratch data, recreated by the pipeline
}

# prodgrade:ignore aws-s3-encryption a blank line follows, so this is about nothing

resource "aws_s3_bucket" "other" {
  bucket = "other"
  // prodgrade:ignore aws-s3-versioning on the wrong line: versioning is reported at the block
  force_destroy = true
}

# prodgrade:ignore aws-s3-versioning exp:2020-01-01 replaced by the new bucket
# another comment between the directive and the block
resource "aws_s3_bucket" "expired" {
  bucket = "expired"
  tags = {
    note = "# prodgrade:ignore aws-resource-tags in a string, not a comment"
  }
}

resource "aws_db_instance" "peers" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  #checkov:skip=CKV_AWS_16:the platform encrypts the volume
  storage_encrypted = false
  #tfsec:ignore:aws-rds-enable-public-access:exp:2999-01-01
  publicly_accessible = true
  deletion_protection = false #trivy:ignore:AVD-AWS-0177 trivy:ignore:AVD-AWS-0133 -- test database
  multi_az            = false #trivy:ignore:AVD-AWS-0180:ws:staging
}

# prodgrade:ignore aws-sqs-dead-letter,no-such-rule the queue holds public data
resource "aws_sqs_queue" "q" {
  name = "q"
}

# prodgrade:ignore aws-sqs-dead-letter
resource "aws_sqs_queue" "noreason" {
  name = "noreason"
}
