module "good" {
  source    = "./modules/db"
  retention = 21
}

module "bad" {
  source    = "./modules/db"
  retention = 2
}
