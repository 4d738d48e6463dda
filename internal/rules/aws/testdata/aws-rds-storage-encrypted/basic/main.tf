variable "encrypt" {
  type = bool
}

resource "aws_db_instance" "pass_encrypted" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  storage_encrypted = true
}

resource "aws_db_instance" "fail_omitted" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_db_instance" "fail_false" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  storage_encrypted = false
}

resource "aws_db_instance" "unknown_from_variable" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  storage_encrypted = var.encrypt
}

# Replicas inherit the source's encryption.
resource "aws_db_instance" "skip_replica" {
  replicate_source_db = aws_db_instance.pass_encrypted.identifier
  instance_class      = "db.t3.medium"
}

resource "aws_rds_cluster" "pass_cluster" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
}

# Provisioned Aurora clusters are unencrypted unless asked.
resource "aws_rds_cluster" "fail_cluster_omitted" {
  engine = "aurora-postgresql"
}

resource "aws_db_instance" "skip_aurora_member" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}

# Restored from a snapshot: encrypted if the snapshot is.
resource "aws_db_instance" "unknown_from_snapshot" {
  identifier          = "orders-restored"
  instance_class      = "db.m7g.large"
  snapshot_identifier = "arn:aws:rds:eu-west-1:123456789012:snapshot:orders-2026-12-01"
  skip_final_snapshot = false
}
