module "cert" {
  source = "./modules/cert"
  domain = "www.example.com"
}
