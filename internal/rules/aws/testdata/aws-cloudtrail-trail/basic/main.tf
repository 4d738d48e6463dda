resource "aws_cloudtrail" "pass_complete" {
  name                       = "main"
  s3_bucket_name             = "shop-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "fail_one_region" {
  name                       = "europe"
  s3_bucket_name             = "shop-trail"
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "fail_no_validation" {
  name                  = "all"
  s3_bucket_name        = "shop-trail"
  is_multi_region_trail = true
}
