terraform {
  backend "gcs" {
    bucket = "acme-state"
    prefix = "shop/prod"
  }
}
