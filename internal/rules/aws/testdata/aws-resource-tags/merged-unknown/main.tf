# Tags merged with a variable that has no value: the extra tags are
# unknown, but the Name tag is there whatever they are.
variable "extra_tags" {
  type = map(string)
}

resource "aws_s3_bucket" "pass_merged_with_unknown" {
  bucket = "acme-data"
  tags   = merge({ Name = "acme-data" }, var.extra_tags)
}

# Only unknown tags: they may be empty.
resource "aws_s3_bucket" "unknown_only_variable_tags" {
  bucket = "acme-logs"
  tags   = var.extra_tags
}
