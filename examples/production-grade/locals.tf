locals {
  name = "${var.service}-${var.environment}"

  tags = {
    Service     = var.service
    Environment = var.environment
    Owner       = var.owner
    ManagedBy   = "terraform"
    Repository  = "github.com/acme/shop-infra"
  }

  db_port = 5432
}
