source "docker" "app" {
  image  = "ubuntu:24.04"
  commit = true
}

# A container image: metrics are scraped from outside, not by a host agent.
build {
  name    = "skip_container"
  sources = ["source.docker.app"]
  provisioner "shell" {
    inline = ["apt-get update"]
  }
}
