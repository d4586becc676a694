"""The photo stage: image files → prepared CMYK JPEG bytes for their slots.

``sources`` reads each file once per render (bounded, checked before decoding,
content-hashed) and decodes it once; ``prepare`` fits, resamples, separates (through
the output profile of ``layout.icc``; greyscale onto the black plate with the
``newsprint`` dot-gain curve) and limits ink. The loader checks images through
``sources``; page layout calls ``prepare`` and puts the result in the frame's
``ImageItem``, whose bytes the back ends only embed.
"""
