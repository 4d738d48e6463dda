terraform {
  # Everything else comes from -backend-config=prod.s3.tfbackend at init.
  backend "s3" {}
}
