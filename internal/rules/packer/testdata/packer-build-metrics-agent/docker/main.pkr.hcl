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

source "virtualbox-iso" "dev" {
  iso_url          = "https://releases.ubuntu.com/24.04/ubuntu-24.04-live-server-amd64.iso"
  iso_checksum     = "file:https://releases.ubuntu.com/24.04/SHA256SUMS"
  ssh_username     = "vagrant"
  shutdown_command = "sudo shutdown -P now"
}

# A Vagrant box for developers' machines is no server image.
build {
  name    = "skip_vagrant_box"
  sources = ["source.virtualbox-iso.dev"]
  provisioner "shell" {
    inline = ["sudo apt-get install -y build-essential"]
  }
  post-processor "vagrant" {}
}
