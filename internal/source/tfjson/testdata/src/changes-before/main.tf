# changes-before: the configuration whose planned values become the prior
# state of the "changes" plan (see scripts/gen-plans.sh).
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

resource "aws_s3_bucket" "keep" {
  bucket = "example-keep"
}

resource "aws_s3_bucket" "gone" {
  bucket = "example-gone"
}

resource "aws_s3_bucket" "renamed" {
  bucket = "example-old-name"
}

resource "aws_sqs_queue" "replaced" {
  name = "queue-replaced"
}

resource "aws_sqs_queue" "updated" {
  name                      = "queue-updated"
  message_retention_seconds = 86400
}
