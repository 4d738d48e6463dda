provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

# The secondary lives in a local module given the aws.dr provider.
resource "aws_rds_global_cluster" "pass_module_secondary" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "orders-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.pass_module_secondary.id
}

module "secondary" {
  source    = "./secondary"
  global_id = aws_rds_global_cluster.pass_module_secondary.id
  providers = {
    aws = aws.dr
  }
}
