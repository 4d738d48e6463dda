resource "aws_db_instance" "pass_fourteen_days" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = 14
}

resource "aws_db_instance" "pass_exactly_seven" {
  engine                  = "mysql"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = 7
}

# Omitted: the RDS API keeps backups for 1 day.
resource "aws_db_instance" "fail_omitted" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_db_instance" "fail_zero_disables_backups" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = 0
}

resource "aws_db_instance" "fail_one_day" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = 1
}

# A read replica is restored from its source's backups.
resource "aws_db_instance" "skip_replica" {
  replicate_source_db = aws_db_instance.pass_fourteen_days.identifier
  instance_class      = "db.t3.medium"
}

# Aurora members: the cluster keeps the backups.
resource "aws_rds_cluster" "pass_cluster" {
  engine                  = "aurora-postgresql"
  backup_retention_period = 10
}

resource "aws_db_instance" "skip_aurora_member" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}

resource "aws_rds_cluster" "fail_cluster_default" {
  engine = "aurora-mysql"
}
