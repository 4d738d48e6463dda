variable "retention" {
  type = number
}

locals {
  snapshot_days = 5
}

resource "aws_elasticache_replication_group" "pass_retention" {
  replication_group_id     = "sessions"
  description              = "sessions"
  node_type                = "cache.t4g.small"
  num_cache_clusters       = 2
  snapshot_retention_limit = local.snapshot_days
}

resource "aws_elasticache_replication_group" "fail_default" {
  replication_group_id = "queues"
  description          = "queues"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
}

resource "aws_elasticache_replication_group" "fail_zero" {
  replication_group_id     = "counters"
  description              = "counters"
  engine                   = "valkey"
  node_type                = "cache.t4g.small"
  num_cache_clusters       = 2
  snapshot_retention_limit = 0
}

resource "aws_elasticache_replication_group" "unknown_retention" {
  replication_group_id     = "board"
  description              = "board"
  node_type                = "cache.t4g.small"
  snapshot_retention_limit = var.retention
}

resource "aws_elasticache_cluster" "pass_redis_cluster" {
  cluster_id               = "single"
  engine                   = "redis"
  node_type                = "cache.t4g.small"
  num_cache_nodes          = 1
  snapshot_retention_limit = 1
}

resource "aws_elasticache_cluster" "fail_redis_cluster" {
  cluster_id      = "single-nobackup"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

# Memcached keeps no durable data: nothing to back up.
resource "aws_elasticache_cluster" "skip_memcached" {
  cluster_id      = "memo"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

# A member of a replication group is judged through the group.
resource "aws_elasticache_cluster" "skip_member" {
  cluster_id           = "sessions-3"
  replication_group_id = aws_elasticache_replication_group.pass_retention.id
}
