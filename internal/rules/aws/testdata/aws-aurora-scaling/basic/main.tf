variable "max_readers" {
  type = number
}

resource "aws_rds_cluster" "pass_reader_autoscaling" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "orders_admin"
  manage_master_user_password = true
}

resource "aws_appautoscaling_target" "orders_readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.pass_reader_autoscaling.cluster_identifier}"
  min_capacity       = 1
  max_capacity       = 5
}

resource "aws_rds_cluster" "fail_fixed_readers" {
  cluster_identifier          = "billing"
  engine                      = "aurora-postgresql"
  master_username             = "billing_admin"
  manage_master_user_password = true
}

resource "aws_appautoscaling_target" "billing_readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.fail_fixed_readers.cluster_identifier}"
  min_capacity       = 2
  max_capacity       = 2
}

resource "aws_rds_cluster" "unknown_max_readers" {
  cluster_identifier          = "reports"
  engine                      = "aurora-mysql"
  master_username             = "reports_admin"
  manage_master_user_password = true
}

resource "aws_appautoscaling_target" "reports_readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.unknown_max_readers.cluster_identifier}"
  min_capacity       = 1
  max_capacity       = var.max_readers
}

resource "aws_rds_cluster" "pass_serverless_v2" {
  cluster_identifier          = "search"
  engine                      = "aurora-postgresql"
  engine_mode                 = "provisioned"
  master_username             = "search_admin"
  manage_master_user_password = true
  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 16
  }
}

resource "aws_rds_cluster" "fail_serverless_v2_pinned" {
  cluster_identifier          = "audit"
  engine                      = "aurora-postgresql"
  engine_mode                 = "provisioned"
  master_username             = "audit_admin"
  manage_master_user_password = true
  serverlessv2_scaling_configuration {
    min_capacity = 4
    max_capacity = 4
  }
}

resource "aws_rds_cluster" "fail_no_scaling" {
  cluster_identifier          = "ledger"
  engine                      = "aurora-mysql"
  master_username             = "ledger_admin"
  manage_master_user_password = true
}

# A Multi-AZ DB cluster (not Aurora) has no readers to scale.
resource "aws_rds_cluster" "skip_multi_az_db_cluster" {
  cluster_identifier          = "events"
  engine                      = "postgres"
  db_cluster_instance_class   = "db.m6gd.large"
  storage_type                = "io1"
  allocated_storage           = 100
  iops                        = 1000
  master_username             = "events_admin"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "pass_limitless" {
  cluster_identifier       = "shards"
  engine                   = "aurora-postgresql"
  engine_version           = "16.6-limitless"
  cluster_scalability_type = "limitless"
  storage_type             = "aurora-iopt1"
  master_username          = "shards_admin"
  master_password          = "placeholder-not-a-secret"
}

resource "aws_rds_shard_group" "shards" {
  db_cluster_identifier     = aws_rds_cluster.pass_limitless.cluster_identifier
  db_shard_group_identifier = "shards"
  max_acu                   = 768
}
