resource "aws_s3_bucket" "pass_versioned_by_module" {
  bucket = "acme-versioned-by-module"
}

module "versioning" {
  source = "./modules/bucket"
  bucket = aws_s3_bucket.pass_versioned_by_module.id
}
