variable "suffix" {
  type = string
}

module "one" {
  source     = "./modules/fn"
  api_name   = "api-${var.suffix}"
  other_name = "jobs-${var.suffix}"
}

module "two" {
  source     = "./modules/fn"
  api_name   = "api2-${var.suffix}"
  other_name = "jobs2-${var.suffix}"
}
