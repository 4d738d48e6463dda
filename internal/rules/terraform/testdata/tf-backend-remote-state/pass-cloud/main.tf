terraform {
  cloud {
    organization = "acme"
    workspaces {
      name = "shop-prod"
    }
  }
}
