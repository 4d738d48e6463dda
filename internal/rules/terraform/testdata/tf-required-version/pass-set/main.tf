terraform {
  required_version = ">= 1.6.0, < 2.0.0"
}

# Child modules need not repeat it: the root's constraint governs the run.
module "skip_child" {
  source = "./modules/child"
}
