# Each file of the template writes its own packer block; Packer merges them.
packer {
  required_plugins {
    vagrant = {
      version = "~> 1.1"
      source  = "github.com/hashicorp/vagrant"
    }
  }
}

build {
  name    = "pass_blocks_in_two_files"
  sources = ["source.amazon-ebs.core"]
  post-processor "vagrant" {}
  post-processor "vagrant-registry" {
    box_tag = "example/core"
    version = "1.0.0"
  }
}

build {
  name    = "fail_one_plugin_missing"
  sources = ["source.amazon-ebs.core"]
  post-processor "docker-tag" {
    repository = "example/core"
  }
}
