module "private" {
  source = "./modules/db"
  public = false
}
