variable "public" {
  type = bool
}

locals {
  expose = false
}

resource "aws_db_instance" "pass_omitted" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_db_instance" "pass_via_local" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  publicly_accessible = local.expose
}

resource "aws_db_instance" "fail_public" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  publicly_accessible = true
}

resource "aws_db_instance" "unknown_from_variable" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  publicly_accessible = var.public
}

resource "aws_rds_cluster" "cluster" {
  engine = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "fail_public_member" {
  count               = 2
  cluster_identifier  = aws_rds_cluster.cluster.id
  engine              = aws_rds_cluster.cluster.engine
  instance_class      = "db.r6g.large"
  publicly_accessible = count.index == 0 ? true : true
}
