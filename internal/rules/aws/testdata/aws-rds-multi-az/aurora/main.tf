resource "aws_rds_cluster" "pass_two_instances" {
  cluster_identifier = "orders"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "orders" {
  count              = 2
  identifier         = "orders-${count.index}"
  cluster_identifier = aws_rds_cluster.pass_two_instances.id
  engine             = aws_rds_cluster.pass_two_instances.engine
  instance_class     = "db.r6g.large"
}

resource "aws_rds_cluster" "fail_single_instance" {
  cluster_identifier = "reports"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster_instance" "reports" {
  cluster_identifier = aws_rds_cluster.fail_single_instance.id
  engine             = aws_rds_cluster.fail_single_instance.engine
  instance_class     = "db.r6g.large"
}

resource "aws_rds_cluster" "fail_same_zone" {
  cluster_identifier = "search"
  engine             = "aurora-mysql"
}

resource "aws_rds_cluster_instance" "search" {
  for_each           = toset(["a", "b"])
  identifier         = "search-${each.key}"
  cluster_identifier = "search"
  engine             = "aurora-mysql"
  instance_class     = "db.r6g.large"
  availability_zone  = "eu-west-1a"
}

resource "aws_rds_cluster" "fail_no_instances" {
  cluster_identifier = "empty"
  engine             = "aurora-mysql"
}

# A Multi-AZ DB cluster places a writer and two readers in three zones.
resource "aws_rds_cluster" "pass_multi_az_db_cluster" {
  cluster_identifier        = "ledger"
  engine                    = "postgres"
  db_cluster_instance_class = "db.m6gd.large"
  storage_type              = "io1"
  allocated_storage         = 100
  iops                      = 1000
}
