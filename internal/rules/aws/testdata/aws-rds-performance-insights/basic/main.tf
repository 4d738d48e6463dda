variable "insights" {
  type = bool
}

resource "aws_db_instance" "pass_enabled" {
  engine                       = "postgres"
  instance_class               = "db.m6g.large"
  allocated_storage            = 20
  performance_insights_enabled = true
}

resource "aws_db_instance" "fail_omitted" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

resource "aws_db_instance" "unknown_from_variable" {
  engine                       = "postgres"
  instance_class               = "db.m6g.large"
  allocated_storage            = 20
  performance_insights_enabled = var.insights
}

# Performance Insights is not offered on the smallest burstable classes.
resource "aws_db_instance" "skip_micro" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "cluster" {
  engine = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "pass_member" {
  for_each                     = toset(["a", "b"])
  identifier                   = "member-${each.key}"
  cluster_identifier           = aws_rds_cluster.cluster.id
  engine                       = aws_rds_cluster.cluster.engine
  instance_class               = "db.r6g.large"
  performance_insights_enabled = true
}

resource "aws_rds_cluster_instance" "fail_member_false" {
  cluster_identifier           = aws_rds_cluster.cluster.id
  engine                       = aws_rds_cluster.cluster.engine
  instance_class               = "db.r6g.large"
  performance_insights_enabled = false
}
