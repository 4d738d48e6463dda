variable "global_id" {
  type = string
}

resource "aws_rds_cluster" "this" {
  cluster_identifier        = "orders-dr"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = var.global_id
}
