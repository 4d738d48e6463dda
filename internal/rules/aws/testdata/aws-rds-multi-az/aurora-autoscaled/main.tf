# One declared instance, but Application Auto Scaling keeps at least one
# Aurora reader beside it: the reader is what the writer fails over to.
# With min_capacity 0 the readers may all be gone.
resource "aws_rds_cluster" "pass_autoscaled_readers" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "orders"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "writer" {
  identifier         = "orders-1"
  cluster_identifier = aws_rds_cluster.pass_autoscaled_readers.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.pass_autoscaled_readers.engine
}

resource "aws_appautoscaling_target" "readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.pass_autoscaled_readers.cluster_identifier}"
  min_capacity       = 1
  max_capacity       = 5
}

resource "aws_rds_cluster" "fail_readers_may_be_zero" {
  cluster_identifier          = "reports"
  engine                      = "aurora-mysql"
  master_username             = "reports"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "reports_writer" {
  identifier         = "reports-1"
  cluster_identifier = aws_rds_cluster.fail_readers_may_be_zero.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.fail_readers_may_be_zero.engine
}

resource "aws_appautoscaling_target" "reports_readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.fail_readers_may_be_zero.cluster_identifier}"
  min_capacity       = 0
  max_capacity       = 3
}
