data "aws_caller_identity" "current" {}

module "network" {
  source = "./modules/network"

  name                    = local.name
  cidr_block              = var.vpc_cidr
  availability_zones      = var.availability_zones
  flow_log_retention_days = var.log_retention_days
  flow_log_kms_key_arn    = aws_kms_key.main.arn
}
