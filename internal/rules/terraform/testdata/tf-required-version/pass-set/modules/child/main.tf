# no terraform block
