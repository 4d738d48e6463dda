# Every data store gets a backup verdict, whatever else it has.
resource "aws_db_instance" "db" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "billing"
  engine             = "aurora-postgresql"
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
  engine               = "redis"
  node_type            = "cache.m6g.large"
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}
