# A DB cluster cannot turn automated backups off: 0 is rejected by RDS.
resource "aws_rds_cluster" "fail_zero_days" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  backup_retention_period     = 0
}

resource "aws_rds_cluster" "pass_two_weeks" {
  cluster_identifier          = "invoices"
  engine                      = "aurora-postgresql"
  master_username             = "app_admin"
  manage_master_user_password = true
  backup_retention_period     = 14
}
