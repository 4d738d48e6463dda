# The versioning resources name their buckets with a variable that has no
# value: they may be the evidence for these buckets, so the rule cannot say
# "no versioning" and reports unknown.
variable "prefix" {
  type = string
}

resource "aws_s3_bucket" "unknown_data" {
  bucket = "acme-data-0"
}

resource "aws_s3_bucket_versioning" "by_prefix" {
  count  = 2
  bucket = "${var.prefix}-${count.index}"
  versioning_configuration {
    status = "Enabled"
  }
}
