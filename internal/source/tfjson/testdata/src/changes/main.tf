# changes: planned against a prior state derived from changes-before:
# keep is a no-op, gone is deleted, renamed is replaced (bucket forces a new
# resource), replaced is replaced with -replace, updated is updated in place,
# added is created.
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

resource "aws_s3_bucket" "keep" {
  bucket = "example-keep"
}

resource "aws_s3_bucket" "renamed" {
  bucket = "example-new-name"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_sqs_queue" "replaced" {
  name = "queue-replaced"
}

resource "aws_sqs_queue" "updated" {
  name                      = "queue-updated"
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "added" {
  name = "queue-added"
}
