resource "aws_elasticache_replication_group" "pass_multi_az" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
}

resource "aws_elasticache_replication_group" "fail_no_failover" {
  replication_group_id = "cart"
  description          = "cart"
  node_type            = "cache.r7g.large"
  num_cache_clusters   = 1
}

resource "aws_elasticache_replication_group" "fail_one_zone" {
  replication_group_id       = "rates"
  description                = "rates"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
}
