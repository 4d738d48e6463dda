remote_state {
  backend = "s3"
  config = {
    bucket       = "shop-terraform-state"
    key          = "orders/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
