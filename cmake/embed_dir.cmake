# sweetshop_embed_dir(<target> <dir>) builds a static library holding every file under <dir> (the web app's build,
# frontend/dist), read again at every build, so a rebuilt web app is embedded without re-running CMake:
#   std::span<const sweetshop::web::Asset> sweetshop::web::embedded_assets();
# A missing <dir> gives an empty table (the server then answers the web app's paths with 404).
function(sweetshop_embed_dir target dir)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${target})
    add_custom_target(${target}_scan
        COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -P ${CMAKE_SOURCE_DIR}/cmake/embed_dir_scan.cmake
        BYPRODUCTS ${out}/assets.S ${out}/assets.cpp
        COMMENT "Embedding the web app (${dir})"
        VERBATIM)
    add_library(${target} STATIC ${out}/assets.S ${out}/assets.cpp)
    add_dependencies(${target} ${target}_scan)
    target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()
