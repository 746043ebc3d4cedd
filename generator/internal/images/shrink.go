package images

import "image"

// shrink averages k×k blocks of img (k ≥ 2): a box filter at an integer
// factor, cheap and free of aliasing, so Catmull-Rom then reduces by less
// than 2× (as libvips does: shrink, then reduce). It handles what the
// decoders return for photos (YCbCr, each plane on its own; RGBA; Gray);
// for any other image it returns img unchanged.
func shrink(img image.Image, k int) image.Image {
	if k < 2 || img.Bounds().Min != (image.Point{}) {
		return img
	}
	w, h := img.Bounds().Dx()/k, img.Bounds().Dy()/k
	if w < 1 || h < 1 {
		return img
	}
	switch src := img.(type) {
	case *image.YCbCr:
		dst := image.NewYCbCr(image.Rect(0, 0, w, h), src.SubsampleRatio)
		boxPlane(dst.Y, dst.YStride, w, h, src.Y, src.YStride, k, 1)
		cw, ch := chromaSize(dst)
		sw, sh := chromaSize(src)
		boxPlaneClamped(dst.Cb, dst.CStride, cw, ch, src.Cb, src.CStride, sw, sh, k)
		boxPlaneClamped(dst.Cr, dst.CStride, cw, ch, src.Cr, src.CStride, sw, sh, k)
		return dst
	case *image.RGBA:
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		for c := 0; c < 4; c++ {
			boxPlane(dst.Pix[c:], dst.Stride, w, h, src.Pix[c:], src.Stride, k, 4)
		}
		return dst
	case *image.Gray:
		dst := image.NewGray(image.Rect(0, 0, w, h))
		boxPlane(dst.Pix, dst.Stride, w, h, src.Pix, src.Stride, k, 1)
		return dst
	}
	return img
}

// chromaSize is the size of the Cb and Cr planes of m (whose bounds start
// at 0,0).
func chromaSize(m *image.YCbCr) (int, int) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

// boxPlane averages k×k blocks of one channel (step bytes apart) of src
// into the w×h dst; every block lies inside src.
func boxPlane(dst []byte, dstStride, w, h int, src []byte, srcStride, k, step int) {
	n := k * k
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum := 0
			for dy := 0; dy < k; dy++ {
				row := (y*k+dy)*srcStride + x*k*step
				for dx := 0; dx < k; dx++ {
					sum += int(src[row+dx*step])
				}
			}
			dst[y*dstStride+x*step] = uint8((sum + n/2) / n)
		}
	}
}

// boxPlaneClamped is boxPlane for chroma planes, whose blocks may reach
// past the source plane (sw×sh) at the right and bottom edges.
func boxPlaneClamped(dst []byte, dstStride, w, h int, src []byte, srcStride, sw, sh, k int) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum, n := 0, 0
			for dy := 0; dy < k && y*k+dy < sh; dy++ {
				row := (y*k + dy) * srcStride
				for dx := 0; dx < k && x*k+dx < sw; dx++ {
					sum += int(src[row+x*k+dx])
					n++
				}
			}
			if n > 0 {
				dst[y*dstStride+x] = uint8((sum + n/2) / n)
			}
		}
	}
}
