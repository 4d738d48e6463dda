resource "aws_s3_bucket" "fail_force_destroy" {
  bucket        = "shop-orders"
  force_destroy = true
}

resource "aws_s3_bucket" "pass_default" {
  bucket = "shop-invoices"
}
