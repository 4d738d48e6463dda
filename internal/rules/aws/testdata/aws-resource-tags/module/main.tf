provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { team = "shop" }
  }
}

module "app" {
  source = "./modules/app"
}
